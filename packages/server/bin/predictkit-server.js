#!/usr/bin/env node
// The published CLI runs the built code; in this repository, `pnpm server` runs the sources.
import '../dist/node/cli.js';
