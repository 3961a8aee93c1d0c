/** The `kernel_info_reply` content (built without loading TypeScript, so it is ready at once). */
import { typescriptVersion } from './tslab_internals';
import { PROTOCOL_VERSION } from './wire';

/** Versions reported in the banner and language_info. */
export interface KernelVersions {
  kernel: string;
  tslab: string;
  typescript: string;
}

/** Reads the versions from the packages' package.json files. */
export function readVersions(): KernelVersions {
  return {
    kernel: (require('../package.json') as { version: string }).version,
    tslab: (require('tslab/package.json') as { version: string }).version,
    typescript: typescriptVersion(),
  };
}

/** The reply content. */
export function kernelInfo(versions: KernelVersions): Record<string, unknown> {
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'deconvlab',
    implementation_version: versions.kernel,
    language_info: {
      name: 'typescript',
      version: versions.typescript,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      pygments_lexer: 'typescript',
      // A string, as Deno's kernel sends: clients built on runtimed reject tslab's object form, and
      // JupyterLab finds the mode by name in its language registry (see kernel/README.md).
      codemirror_mode: 'typescript',
    },
    banner: `TypeScript ${versions.typescript} (deconvlab kernel ${versions.kernel} on tslab ${versions.tslab}, Node.js ${process.version}); tf and deconv are preloaded`,
    debugger: false,
    help_links: [],
  };
}
