import { useEffect, useRef, useState } from 'react';
import { Icon } from '../internal/Icon';
import { fileNameOf } from '../internal/media';
import type { MediaView } from './chooseOutputView';

/** One image or a gallery; any image opens large in a modal dialog (Escape closes it, arrows step through). */
export function OutputImages({ images }: { images: MediaView[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const count = images.length;
  const current = open === null ? undefined : images[open];
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open !== null && !d.open) {
      opener.current = document.activeElement as HTMLElement | null;
      d.showModal();
    }
    if (open === null && d.open) d.close();
    // Focus goes back to what opened the dialog, whichever way it was closed.
    if (open === null && opener.current) {
      opener.current.focus();
      opener.current = null;
    }
  }, [open]);
  const name = (i: number) => (count > 1 ? `Image ${i + 1} of ${count}` : 'Image');
  return (
    // The count lays a gallery out evenly: two or four in pairs, three in a row, more in as many columns as fit.
    <div data-slot={count > 1 ? 'output-gallery' : 'output-image'} data-count={count > 4 ? 'many' : count}>
      {images.map((image, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same image may appear twice; only its position tells them apart.
        <figure key={`${i}:${image.url.slice(0, 64)}`} data-slot="output-figure">
          <button
            type="button"
            data-slot="output-enlarge"
            onClick={() => setOpen(i)}
            aria-label={`Enlarge ${name(i).toLowerCase()}`}
          >
            <img src={image.url} alt={`Output ${name(i).toLowerCase()}`} loading="lazy" decoding="async" />
            <span data-slot="output-enlarge-icon">
              <Icon name="expand" />
            </span>
          </button>
          <a
            href={image.url}
            download={fileNameOf(image.url)}
            data-slot="output-download"
            aria-label={`Download ${name(i).toLowerCase()}`}
          >
            <Icon name="download" />
          </a>
        </figure>
      ))}
      <dialog
        ref={dialog}
        data-slot="output-dialog"
        aria-label={open === null ? 'Image' : name(open)}
        onClose={() => setOpen(null)}
        onKeyDown={(e) => {
          // Handled here too, so Escape closes the dialog the same way in every browser and under test.
          if (e.key === 'Escape') {
            e.preventDefault();
            return setOpen(null);
          }
          if (open === null || count < 2) return;
          if (e.key === 'ArrowRight') setOpen((open + 1) % count);
          if (e.key === 'ArrowLeft') setOpen((open - 1 + count) % count);
        }}
      >
        {current && open !== null && (
          <>
            <img src={current.url} alt={`Output ${name(open).toLowerCase()}, enlarged`} />
            <div data-slot="output-dialog-bar">
              {count > 1 && (
                <>
                  <button
                    type="button"
                    data-slot="icon-button"
                    aria-label="Previous image"
                    onClick={() => setOpen((open - 1 + count) % count)}
                  >
                    <Icon name="left" />
                  </button>
                  <span>
                    {open + 1} / {count}
                  </span>
                  <button
                    type="button"
                    data-slot="icon-button"
                    aria-label="Next image"
                    onClick={() => setOpen((open + 1) % count)}
                  >
                    <Icon name="right" />
                  </button>
                </>
              )}
              <a
                href={current.url}
                download={fileNameOf(current.url)}
                data-slot="icon-button"
                aria-label="Download"
              >
                <Icon name="download" />
              </a>
              <button type="button" data-slot="icon-button" aria-label="Close" onClick={() => setOpen(null)}>
                <Icon name="x" />
              </button>
            </div>
          </>
        )}
      </dialog>
    </div>
  );
}
