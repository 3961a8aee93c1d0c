"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Protocol = exports.replyType = exports.errorContent = void 0;
const log_1 = require("./log");
/** The `error` reply content for an exception. */
function errorContent(e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return { status: 'error', ename: error.name, evalue: error.message, traceback: (error.stack ?? `${error.name}: ${error.message}`).split('\n') };
}
exports.errorContent = errorContent;
/** `foo_request` → `foo_reply`. */
function replyType(msgType) {
    return msgType.endsWith('_request') ? `${msgType.slice(0, -'_request'.length)}_reply` : `${msgType}_reply`;
}
exports.replyType = replyType;
/** Dispatches decoded messages to handlers by `msg_type`. */
class Protocol {
    handlers;
    output;
    constructor(handlers, output) {
        this.handlers = handlers;
        this.output = output;
    }
    /** Handles one request: status busy, the handler's reply (or an error reply), status idle. */
    async handle(channel, request) {
        const msgType = request.header.msg_type;
        this.output.status('busy', request);
        try {
            const handler = this.handlers.get(msgType);
            if (!handler) {
                (0, log_1.kernelLog)(`unknown message type ${JSON.stringify(msgType)} on ${channel}`);
                if (msgType.endsWith('_request')) {
                    this.output.reply(channel, request, replyType(msgType), {
                        status: 'error',
                        ename: 'UnknownRequest',
                        evalue: `this kernel does not handle ${msgType}`,
                        traceback: [],
                    });
                }
                return;
            }
            const content = await handler(request);
            if (content)
                this.output.reply(channel, request, replyType(msgType), content);
        }
        catch (e) {
            (0, log_1.kernelLog)(`${msgType} failed: ${e?.stack ?? String(e)}`);
            this.output.reply(channel, request, replyType(msgType), errorContent(e));
        }
        finally {
            this.output.status('idle', request);
        }
    }
}
exports.Protocol = Protocol;
