export type MediaKind = 'image' | 'audio' | 'video' | 'file';

const EXTENSIONS: [MediaKind, RegExp][] = [
  ['image', /\.(png|jpe?g|gif|webp|avif|bmp|svg|ico)$/],
  ['audio', /\.(wav|mp3|ogg|oga|flac|m4a|aac|opus|weba)$/],
  ['video', /\.(mp4|webm|mov|m4v|ogv|mkv)$/],
];

/** The MIME type of a `data:` URI. */
export function dataMediaType(url: string): string | undefined {
  return /^\s*data:([\w.+-]+\/[\w.+*-]+)/i.exec(url)?.[1]?.toLowerCase();
}

/** How to show a file: from its declared media type first, then a `data:` URI's type, then the URL's extension. */
export function mediaKind(url: string, mediaType?: string): MediaKind {
  for (const type of [mediaType, dataMediaType(url)]) {
    const top = type?.split('/')[0];
    if (top === 'image' || top === 'audio' || top === 'video') return top;
  }
  let path = '';
  try {
    path = new URL(url, 'https://relative.invalid/').pathname.toLowerCase();
  } catch {
    return 'file';
  }
  return EXTENSIONS.find(([, ext]) => ext.test(path))?.[0] ?? 'file';
}

/** A file name for downloads and captions: the URL's last path segment, or `stem` with the type's extension. */
export function fileNameOf(url: string, stem = 'output'): string {
  const type = dataMediaType(url);
  if (type) return `${stem}.${type.split('/')[1]?.replace(/^x-|\+.*$/g, '') ?? 'bin'}`;
  try {
    const name = new URL(url, 'https://relative.invalid/').pathname.split('/').pop();
    return name ? decodeURIComponent(name) : stem;
  } catch {
    return stem;
  }
}
