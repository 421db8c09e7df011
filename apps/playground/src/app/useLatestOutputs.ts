import { isTerminal } from '@predictkit/core';
import { predictionQueryOptions, usePredictionList, usePredictKitClient } from '@predictkit/react';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { lacks } from './lacks';
import { type OutputThumbnail, outputThumbnail } from './outputThumbnail';

/**
 * Each model's latest succeeded output among the recent predictions, as a thumbnail: what a gallery
 * card shows of what the model makes. One list page, then one read per model shown.
 */
export function useLatestOutputs(): Map<string, OutputThumbnail> {
  const client = usePredictKitClient();
  const list = usePredictionList({ pageSize: lacks(client, 'pageSize') ? undefined : 50 });
  const latest = useMemo(() => {
    const byModel = new Map<string, string>();
    for (const row of list.predictions) {
      const model = `${row.model.owner}/${row.model.name}`;
      if (row.status === 'succeeded' && isTerminal(row.status) && !byModel.has(model))
        byModel.set(model, row.id);
    }
    return [...byModel];
  }, [list.predictions]);
  const details = useQueries({
    queries: latest.map(([, id]) => ({
      ...predictionQueryOptions(client, id),
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    })),
  });
  return useMemo(() => {
    const thumbs = new Map<string, OutputThumbnail>();
    latest.forEach(([model], i) => {
      const thumb = outputThumbnail(details[i]?.data?.output);
      if (thumb) thumbs.set(model, thumb);
    });
    return thumbs;
  }, [latest, details]);
}
