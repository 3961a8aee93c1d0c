"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SocketSender = void 0;
const log_1 = require("./log");
/** Queues multipart messages in order; a failed send is logged and the queue goes on. */
class SocketSender {
    socket;
    tail = Promise.resolve();
    constructor(socket) {
        this.socket = socket;
    }
    /** Queues one message (sent within the current microtask checkpoint when the socket is writable). */
    send(frames) {
        this.tail = this.tail
            .then(() => this.socket.send(frames))
            .catch((e) => (0, log_1.kernelLog)(`send failed: ${e.message}`));
    }
    /** Resolves once every queued message has been handed to ZeroMQ. */
    drained() {
        return this.tail;
    }
}
exports.SocketSender = SocketSender;
