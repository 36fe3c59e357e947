/** Request limits the core enforces (bodies larger than this get 413). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Kong's cap on query and form arguments (reference §1.2). */
export const MAX_ARGUMENTS = 1000;
