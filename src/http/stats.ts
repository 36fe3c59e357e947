/**
 * Connection and request counters of one server, in the shape of nginx's stub_status that Kong's
 * `GET /status` reports under `server`.
 */
import type { Server } from 'node:http';

export interface ServerCounters {
  connections_active: number;
  connections_reading: number;
  connections_writing: number;
  connections_waiting: number;
  connections_accepted: number;
  connections_handled: number;
  total_requests: number;
}

export class ConnectionStats {
  private accepted = 0;
  private active = 0;
  private inFlight = 0;
  private requests = 0;

  watch(server: Server): void {
    server.on('connection', (socket) => {
      this.accepted += 1;
      this.active += 1;
      socket.once('close', () => {
        this.active -= 1;
      });
    });
  }

  requestStarted(): void {
    this.requests += 1;
    this.inFlight += 1;
  }

  requestFinished(): void {
    this.inFlight -= 1;
  }

  snapshot(): ServerCounters {
    return {
      connections_active: this.active,
      connections_reading: 0,
      connections_writing: this.inFlight,
      connections_waiting: Math.max(0, this.active - this.inFlight),
      connections_accepted: this.accepted,
      connections_handled: this.accepted,
      total_requests: this.requests,
    };
  }
}
