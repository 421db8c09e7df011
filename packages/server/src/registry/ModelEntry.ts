import type { VersionSchemas } from '@predictkit/core';
import type { DemoVersion } from '../models/types';
import type { UserRecord } from '../store/Store';

/** A version as the API shows it, with what runs it. */
export interface VersionEntry {
  number: number;
  release_notes: string;
  created_at: string;
  container_image_digest: string;
  schemas: VersionSchemas;
  /** The demo runner, taking this version's schemas for its input and output. */
  runnable: DemoVersion;
}

/** A demo model or one made through the API, in one shape for the WriftAI surface's routes. */
export interface ModelEntry {
  id: string;
  owner: UserRecord;
  name: string;
  description: string | null;
  visibility: 'public' | 'private';
  created_at: string;
  updated_at: string;
  hardware: { identifier: string; name: string };
  categories: { name: string; slug: string }[];
  overview: string | null;
  source_url: string | null;
  license_url: string | null;
  paper_url: string | null;
  /** Oldest first; none once every version has been deleted. */
  versions: VersionEntry[];
  /** A demo model: built in, nobody changes it. */
  builtIn: boolean;
}
