export { createClient } from './createClient';
export { isCancelAfter } from './isCancelAfter';
export { replicate } from './replicate';
export { type ReplicateFile, type UploadFileOptions, uploadFile } from './uploadFile';
