"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.install = exports.kernelsDir = exports.kernelSpec = exports.KERNEL_NAME = void 0;
/**
 * Installs the `deconvlab` kernelspec: `node kernel/dist/install.js --prefix <dir>` (e.g. the
 * project's .venv) or `--user`. The argv holds absolute paths of this Node.js and this checkout,
 * so the kernel starts, and finds deconvlab and tfjs-node, from any notebook folder.
 */
const fs_1 = require("fs");
const os_1 = require("os");
const path_1 = require("path");
/** The kernelspec's name (the folder under share/jupyter/kernels). */
exports.KERNEL_NAME = 'deconvlab';
/** The kernel.json content. */
function kernelSpec(nodePath, mainPath) {
    return {
        argv: [nodePath, mainPath, '--connection-file', '{connection_file}'],
        display_name: 'TypeScript (deconvlab)',
        language: 'typescript',
        // Both work; messages also reach a busy cell through the control thread (see kernel/src/interrupt.ts).
        interrupt_mode: 'message',
        env: { TF_CPP_MIN_LOG_LEVEL: '2' },
        metadata: { debugger: false },
    };
}
exports.kernelSpec = kernelSpec;
/** The kernels folder for `--prefix <dir>` or `--user`. */
function kernelsDir(argv) {
    const at = argv.indexOf('--prefix');
    if (at >= 0) {
        if (!argv[at + 1])
            throw new Error('--prefix needs a directory, e.g. --prefix /path/to/.venv');
        return (0, path_1.join)((0, path_1.resolve)(argv[at + 1]), 'share', 'jupyter', 'kernels');
    }
    if (argv.includes('--user'))
        return (0, path_1.join)(process.env.JUPYTER_DATA_DIR ?? (0, path_1.join)((0, os_1.homedir)(), '.local', 'share', 'jupyter'), 'kernels');
    throw new Error(`usage: node kernel/dist/install.js --prefix <dir> | --user; got ${JSON.stringify(argv)}`);
}
exports.kernelsDir = kernelsDir;
/** Writes kernel.json and the logos; returns the kernelspec folder. */
function install(argv) {
    const dir = (0, path_1.join)(kernelsDir(argv), exports.KERNEL_NAME);
    (0, fs_1.mkdirSync)(dir, { recursive: true });
    const spec = kernelSpec(process.execPath, (0, path_1.join)(__dirname, 'main.js'));
    (0, fs_1.writeFileSync)((0, path_1.join)(dir, 'kernel.json'), `${JSON.stringify(spec, null, 2)}\n`);
    for (const logo of ['logo-32x32.png', 'logo-64x64.png'])
        (0, fs_1.copyFileSync)((0, path_1.join)(__dirname, '..', 'kernelspec', logo), (0, path_1.join)(dir, logo));
    return dir;
}
exports.install = install;
if (require.main === module) {
    try {
        console.log(`installed the ${exports.KERNEL_NAME} kernelspec in ${install(process.argv.slice(2))}`);
    }
    catch (e) {
        console.error(`deconvlab kernelspec: ${e.message}`);
        process.exit(1);
    }
}
