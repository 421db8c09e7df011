export { cancelAfterMs, isCancelAfter } from './cancelAfter';
export { createClient } from './createClient';
export { replicate } from './replicate';
export { type ReplicateFile, type UploadFileOptions, uploadFile } from './uploadFile';
