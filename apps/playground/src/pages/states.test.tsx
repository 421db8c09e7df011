import '@testing-library/jest-dom/vitest';
import { ApiError, createClient } from '@predictkit/core';
import { PredictKitProvider, useCreatePrediction, usePrediction } from '@predictkit/react';
import { createServer } from '@predictkit/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionBanner } from '../app/ConnectionBanner';
import { ErrorState } from './states';

afterEach(cleanup);

/**
 * The page's providers and its banner (which runs the API's check), on the local server, or, while
 * `net.reachable` is false, on none at all (every request fails to connect).
 */
function renderWith(
  ui: React.ReactNode,
  net: { reachable: boolean },
  server = createServer({ onWarning: () => {} }),
) {
  let checks = 0;
  const client = createClient({
    baseUrl: 'http://127.0.0.1:8787/v1',
    retries: 0,
    fetch: async (request) => {
      if (new URL(request.url).pathname.endsWith('/models')) checks++;
      if (!net.reachable) throw new TypeError('fetch failed');
      return server.fetch(request);
    },
  });
  const queryClient = new QueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <PredictKitProvider client={client}>
        <ConnectionBanner />
        {ui}
      </PredictKitProvider>
    </QueryClientProvider>,
  );
  return { server, checks: () => checks, close: () => server.close() };
}

/** `children` after `ms`. */
function Later({ ms, children }: { ms: number; children: React.ReactNode }) {
  const [shown, setShown] = useState(ms === 0);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return shown ? children : null;
}

const badGateway = new ApiError('listPredictions failed with 502: Bad Gateway.', { status: 502 });

describe('ErrorState', () => {
  it('waits for an API the check finds down, leaving the alarm to the banner', async () => {
    const { close } = renderWith(<ErrorState error={badGateway} onRetry={() => {}} />, { reachable: false });
    try {
      expect(await screen.findByText('Waiting for the API to answer…')).toBeInTheDocument();
      // once the check has failed, the banner is the one alarm, and the page still waits
      expect(await screen.findByRole('alert')).toHaveTextContent('API is not answering');
      expect(screen.getAllByRole('alert')).toHaveLength(1);
      expect(screen.getByText('Waiting for the API to answer…')).toBeInTheDocument();
    } finally {
      await close();
    }
  });

  it('shows a gateway’s error, with Try again, once the check finds the API answering', async () => {
    const { close } = renderWith(<ErrorState error={badGateway} onRetry={() => {}} />, { reachable: true });
    try {
      expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the service');
      expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    } finally {
      await close();
    }
  });

  it('checks the API once per interval, however many pages wait for it', async () => {
    vi.useFakeTimers();
    try {
      const counted: number[] = [];
      for (const pages of [1, 4]) {
        // pages that open one after another, out of step with the banner's checks
        const waiting = [0, 700, 1400, 2100].slice(0, pages).map((ms) => (
          <Later key={ms} ms={ms}>
            <ErrorState error={badGateway} onRetry={() => {}} />
          </Later>
        ));
        const { checks, close } = renderWith(waiting, { reachable: false });
        // the first check has failed and every page is open: every 3 s from here
        await vi.advanceTimersByTimeAsync(3000);
        expect(screen.getByRole('alert')).toHaveTextContent('API is not answering');
        const before = checks();
        await vi.advanceTimersByTimeAsync(12_000);
        counted.push(checks() - before);
        cleanup();
        await close();
      }
      expect(counted).toEqual([4, 4]);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** What the prediction page shows of a prediction's status. */
function Status({ id }: { id: string }) {
  const live = usePrediction(id, { stream: false });
  return <p>status: {live.status ?? (live.isRetrying ? 'retrying' : 'loading')}</p>;
}

/** A Run button: a create through the hooks. */
function Run() {
  const { create, error } = useCreatePrediction('predictkit/echo');
  return (
    <>
      <button type="button" onClick={() => void create({ text: 'hi' })}>
        Run
      </button>
      {error && <p>create failed</p>}
    </>
  );
}

describe('ConnectionBanner', () => {
  it('checks at once when a create does not reach the API, rather than at its next check', async () => {
    vi.useFakeTimers();
    try {
      const net = { reachable: true };
      const { checks, close } = renderWith(<Run />, net);
      await vi.advanceTimersByTimeAsync(100);
      expect(checks()).toBe(1);
      net.reachable = false;
      await act(async () => screen.getByRole('button', { name: 'Run' }).click());
      await vi.advanceTimersByTimeAsync(100);
      expect(screen.getByText('create failed')).toBeInTheDocument();
      // well before the next check, 30 s on
      expect(checks()).toBe(2);
      expect(screen.getByRole('alert')).toHaveTextContent('API is not answering');
      await close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('once the API answers again, reloads at once what failed, and what was waiting to try again', async () => {
    vi.useFakeTimers();
    // the longest waits between a first fetch's tries
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    try {
      const net = { reachable: false };
      const server = createServer({ onWarning: () => {} });
      const created = (await (
        await server.fetch(
          new Request('http://127.0.0.1:8787/v1/models/predictkit/echo/predictions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ input: { text: 'hi' } }),
          }),
        )
      ).json()) as { id: string };
      const { close } = renderWith(<Status id={created.id} />, net, server);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(screen.getByRole('alert')).toHaveTextContent('API is not answering');
      expect(screen.getByText('status: retrying')).toBeInTheDocument();
      net.reachable = true;
      // the banner's next check, 3 s on, finds the API: the page reloads then, not at its next try
      await vi.advanceTimersByTimeAsync(3100);
      expect(screen.queryByRole('alert')).toBeNull();
      expect(screen.getByText(/^status: (starting|pending|started|succeeded)$/)).toBeInTheDocument();
      await close();
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });
});
