/** The vendor MIME types of the four views, from the payload contract (each schema's `title`). */
export { MIME_TYPES } from 'deconvlab-contract';
