import { type DragEvent, useEffect, useState } from 'react';
import { formatBytes } from '../internal/format';
import { Icon } from '../internal/Icon';
import { dataMediaType, fileNameOf, mediaKind } from '../internal/media';
import { isSafeUrl } from '../PredictionOutput/isSafeUrl';
import { useFormContext, type Widget, type WidgetProps } from './FormContext';
import { controlProps } from './widgets';

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });

/** Whether a file fits an `accept` list such as `image/*,.wav`. */
export function matchesAccept(file: { name: string; type: string }, accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((raw) => {
    const a = raw.trim().toLowerCase();
    if (a.startsWith('.')) return file.name.toLowerCase().endsWith(a);
    return a.endsWith('/*') ? file.type.startsWith(a.slice(0, -1)) : file.type === a;
  });
}

/** The file the user chose and the URL it became; `file` where it was uploaded, to preview it from the local copy. */
interface Picked {
  url: string;
  name: string;
  size: number;
  file?: File;
}

/**
 * A file: choose or drop one (read into a `data:` URI, or handed to `uploadFile` for a URL), or paste a URL.
 * Shows a preview of images and audio.
 */
export const FileWidget: Widget = Object.assign(
  (props: WidgetProps) => {
    const { field, value, onChange, id, labelId, label, disabled } = props;
    const { uploadFile, maxFileSize } = useFormContext();
    const [busy, setBusy] = useState(false);
    const [problem, setProblem] = useState<string | null>(null);
    const [dragging, setDragging] = useState(false);
    const [picked, setPicked] = useState<Picked | null>(null);
    const url = typeof value === 'string' ? value : '';
    const own = picked?.url === url ? picked : undefined;
    // A file sent inline is named by its type, as the prediction's details name it (`input.png`).
    const name = own ? own.name : fileNameOf(url, 'input');
    // An uploaded file is previewed from the browser's own copy: its URL may be one a page cannot
    // load (the service's, which wants the token), or not say what kind of file it is. The object
    // URL lives while the file is the field's and the field is shown.
    const [preview, setPreview] = useState<string>();
    // An image the browser cannot show (a file named .png that is not one): its icon and name instead.
    const [unshown, setUnshown] = useState<string>();
    const local = own?.file;
    useEffect(() => {
      if (!local) return;
      const objectUrl = URL.createObjectURL(local);
      setPreview(objectUrl);
      return () => {
        URL.revokeObjectURL(objectUrl);
        setPreview(undefined);
      };
    }, [local]);

    const take = async (file: File | undefined) => {
      if (!file || disabled) return;
      setProblem(null);
      // An empty file (a failed download, say) would only fail later, in the model's words.
      if (!file.size) return setProblem(`${file.name} is empty: choose a file with something in it.`);
      if (maxFileSize !== undefined && file.size > maxFileSize) {
        return setProblem(
          `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(maxFileSize)}.`,
        );
      }
      if (!matchesAccept(file, field.accept))
        return setProblem(`${file.name} is not a file of type ${field.accept}.`);
      setBusy(true);
      try {
        const next = uploadFile ? await uploadFile(file) : await readAsDataUrl(file);
        setPicked({
          url: next,
          name: file.name,
          size: file.size,
          file: uploadFile ? file : undefined,
        });
        onChange(next);
      } catch (error) {
        setProblem(
          `${file.name} could not be ${uploadFile ? 'uploaded' : 'read'}: ${(error as Error).message ?? error}`,
        );
      } finally {
        setBusy(false);
      }
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      void take(e.dataTransfer.files[0]);
    };
    const kind = local
      ? preview && mediaKind(local.name, local.type || field.accept)
      : url && isSafeUrl(url)
        ? mediaKind(url, field.accept ?? dataMediaType(url))
        : null;
    const src = preview ?? url;
    const image = kind === 'image' && unshown !== src;
    const shared = controlProps(props);
    return (
      <fieldset
        data-slot="file-field"
        aria-labelledby={labelId}
        aria-describedby={props.describedBy}
        data-busy={busy ? '' : undefined}
      >
        {url ? (
          <div data-slot="file-preview" data-kind={kind ?? 'unsafe'}>
            {image && <img src={src} alt={`Preview of ${name}`} onError={() => setUnshown(src)} />}
            {kind === 'audio' && (
              // biome-ignore lint/a11y/useMediaCaption: a preview of the user's own upload has no captions to offer.
              <audio src={src} controls preload="metadata" aria-label={`Preview of ${name}`} />
            )}
            {!image && kind !== 'audio' && <Icon name="file" />}
            <span data-slot="file-name" title={name}>
              {name}
              {own && <span data-slot="file-size"> · {formatBytes(own.size)}</span>}
            </span>
            <button
              type="button"
              data-slot="icon-button"
              aria-label={`Remove ${name}`}
              disabled={disabled}
              onClick={() => {
                setPicked(null);
                onChange(field.nullable && !field.required ? undefined : '');
              }}
            >
              <Icon name="x" />
            </button>
          </div>
        ) : (
          <label
            data-slot="dropzone"
            data-dragging={dragging ? '' : undefined}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={drop}
          >
            <input
              type="file"
              className="pk-sr-only"
              accept={field.accept}
              {...shared}
              aria-labelledby={`${labelId} ${id}-drop`}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                void take(file);
              }}
            />
            <Icon name="upload" />
            <span id={`${id}-drop`}>{busy ? 'Reading…' : 'Choose a file or drop it here'}</span>
            {maxFileSize !== undefined && (
              <span data-slot="file-limit">up to {formatBytes(maxFileSize)}</span>
            )}
          </label>
        )}
        <input
          data-slot="input"
          type="url"
          inputMode="url"
          placeholder="…or paste a URL"
          aria-label={`${label} URL`}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid || undefined}
          disabled={disabled}
          onBlur={props.onBlur}
          value={url.startsWith('data:') ? '' : url}
          onChange={(e) => {
            setPicked(null);
            onChange(e.target.value);
          }}
        />
        {problem && (
          <p data-slot="form-error" role="alert">
            <Icon name="alert" />
            {problem}
          </p>
        )}
      </fieldset>
    );
  },
  { group: true },
);
