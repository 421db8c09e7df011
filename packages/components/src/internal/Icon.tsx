const circle = 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0';

// One stroked path per icon keeps every icon a single DOM node and the bundle small.
const paths = {
  check: 'M20 6 9 17l-5-5',
  x: 'M18 6 6 18M6 6l12 12',
  clock: `${circle}M12 7v5l3 2`,
  ban: `${circle}M5.7 5.7l12.6 12.6`,
  alert: `${circle}M12 8v4.5M12 16h.01`,
  help: `${circle}M9.2 9.2a2.9 2.9 0 0 1 5.6 1c0 1.9-2.8 2.6-2.8 2.6M12 16.5h.01`,
  spinner: 'M21 12a9 9 0 1 1-6.2-8.56',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  download: 'M12 4v11m-4.5-4.5L12 15l4.5-4.5M5 20h14',
  up: 'm6 15 6-6 6 6',
  down: 'm6 9 6 6 6-6',
  right: 'm9 6 6 6-6 6',
  left: 'm15 6-6 6 6 6',
  trash: 'M4 7h16M9 7V4h6v3m-8.5 0 1 13h9l1-13',
  plus: 'M12 5v14M5 12h14',
  file: 'M14 3H6v18h12V7zM14 3v4h4',
  upload: 'M12 16V4M7.5 8.5 12 4l4.5 4.5M5 20h14',
  expand: 'M15 4h5v5M9 20H4v-5M20 4l-6 6M4 20l6-6',
  'thumbs-up':
    'M7 10v11M3 10h4v11H3zm4 0 4-7a2.5 2.5 0 0 1 2.5 2.9L13 10h6a2 2 0 0 1 2 2.3l-1.3 7A2 2 0 0 1 17.7 21H7',
  'thumbs-down':
    'M17 14V3m4 11h-4V3h4zm-4 0-4 7a2.5 2.5 0 0 1-2.5-2.9L11 14H5a2 2 0 0 1-2-2.3l1.3-7A2 2 0 0 1 6.3 3H17',
  retry: 'M3 12a9 9 0 1 0 3-6.7L3 8m0-5v5h5',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      data-slot="icon"
      data-icon={name}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
