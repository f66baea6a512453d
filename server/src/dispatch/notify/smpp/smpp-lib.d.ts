/** The part of the `smpp` package (0.5, untyped) Sanfang uses. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface Pdu {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
  }

  export class PDU implements Pdu {
    constructor(command: string, options?: Record<string, unknown>);
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
  }

  type Callback = (pdu: Pdu) => void;
  type Shortcut = (options: Record<string, unknown>, onResponse?: Callback) => boolean;

  export class Session extends EventEmitter {
    socket: Socket;
    send(pdu: Pdu, onResponse?: Callback): boolean;
    close(cb?: () => void): void;
    destroy(cb?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver: Shortcut;
    submit_sm: Shortcut;
    deliver_sm: Shortcut;
    enquire_link: Shortcut;
    unbind: Shortcut;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: {
    host: string;
    port: number;
    tls?: boolean;
    [k: string]: unknown;
  }): Session;
  export function createServer(listener?: (session: Session) => void): Server;

  export const ESME_ROK: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RMSGQFUL: number;
  export const ESME_RSYSERR: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RINVDSTADR: number;
}
