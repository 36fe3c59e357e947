/** openapi/kong-admin.yaml with its `$ref`s resolved; the module is written by `npm run build:openapi`. */
export declare const document: Record<string, any>;
