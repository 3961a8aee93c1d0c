"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Iopub = void 0;
const wire_1 = require("./wire");
const socket_sender_1 = require("./socket_sender");
/** A stream write is sent at once when the pending text is older than this (keeps output live in busy loops). */
const STREAM_FLUSH_MS = 50;
const STREAM_FLUSH_BYTES = 64 * 1024;
/** Publishes IOPub messages for one kernel session. */
class Iopub {
    socket;
    key;
    session;
    sender;
    pending;
    pendingSince = 0;
    flushScheduled = false;
    constructor(socket, key, session) {
        this.socket = socket;
        this.key = key;
        this.session = session;
        this.sender = new socket_sender_1.SocketSender(socket);
    }
    /** Answers every subscription with an `iopub_welcome` on its topic, until the socket closes; calls `onWelcome` after each. */
    async welcomeSubscribers(onWelcome) {
        for await (const [frame] of this.socket) {
            if (frame.length === 0 || frame[0] !== 1)
                continue;
            const topic = frame.subarray(1);
            const welcome = (0, wire_1.createMessage)(this.session, 'iopub_welcome', { subscription: topic.toString('utf8') });
            welcome.identities = topic.length > 0 ? [Buffer.from(topic)] : [];
            this.sender.send((0, wire_1.encode)(this.key, welcome));
            onWelcome();
        }
    }
    /** Publishes one message (after any pending stream text, so the order of outputs is kept). */
    publish(msgType, content, parent, metadata) {
        this.flush();
        const message = (0, wire_1.createMessage)(this.session, msgType, content, undefined, metadata);
        if (parent)
            message.parent_header = parent.header;
        this.sender.send((0, wire_1.encode)(this.key, message));
    }
    /** Appends text to the stream `name`; sent within one event-loop turn or {@link STREAM_FLUSH_MS}. */
    stream(name, text, parent) {
        if (!parent || text === '')
            return;
        if (this.pending && (this.pending.name !== name || this.pending.parent !== parent))
            this.flush();
        if (!this.pending) {
            this.pending = { name, text: '', parent };
            this.pendingSince = Date.now();
        }
        this.pending.text += text;
        if (Date.now() - this.pendingSince >= STREAM_FLUSH_MS || this.pending.text.length >= STREAM_FLUSH_BYTES) {
            this.flush();
        }
        else if (!this.flushScheduled) {
            this.flushScheduled = true;
            setImmediate(() => {
                this.flushScheduled = false;
                this.flush();
            });
        }
    }
    /** Resolves once every published message has been handed to ZeroMQ (whose I/O thread sends it even while a cell blocks). */
    drained() {
        this.flush();
        return this.sender.drained();
    }
    /** Sends pending stream text now. */
    flush() {
        const pending = this.pending;
        if (!pending)
            return;
        this.pending = undefined;
        const message = (0, wire_1.createMessage)(this.session, 'stream', { name: pending.name, text: pending.text });
        message.parent_header = pending.parent.header;
        this.sender.send((0, wire_1.encode)(this.key, message));
    }
}
exports.Iopub = Iopub;
