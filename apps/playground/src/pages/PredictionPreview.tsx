import { isTerminal, type PredictionListItem, predictionModelRef } from '@predictkit/core';
import { predictionQueryOptions, useModel, usePredictKitClient } from '@predictkit/react';
import { useQuery } from '@tanstack/react-query';
import { inputPreview, outputThumbnail } from '../app/outputThumbnail';

/**
 * A history row's preview: a thumbnail of the output and the input in a line. List answers carry
 * neither, so each row reads its prediction once it shows (a finished one never changes).
 */
export function PredictionPreview({ row }: { row: PredictionListItem }) {
  const client = usePredictKitClient();
  const done = isTerminal(row.status);
  const detail = useQuery({
    ...predictionQueryOptions(client, row.id),
    staleTime: done ? Number.POSITIVE_INFINITY : 5000,
    retry: false,
  });
  // the version's output schema says which file URLs are images (one read per version, shared)
  const model = useModel(row.status === 'succeeded' ? predictionModelRef(row) : null);
  const p = detail.data;
  if (!p) return null;
  const thumb = row.status === 'succeeded' ? outputThumbnail(p.output, model.outputSchema) : null;
  const text = inputPreview(p.input);
  return (
    <>
      {thumb?.kind === 'image' && <img className="row-thumb" src={thumb.src} alt="" loading="lazy" />}
      {thumb?.kind === 'audio' && (
        <span className="row-thumb row-thumb-glyph" aria-hidden="true">
          ♪
        </span>
      )}
      {/* A service that removed the input (Replicate's, an hour after the end) is not "no input". */}
      <span className="row-input">
        {p.data_removed ? 'Input removed by the service' : text || 'No input'}
      </span>
    </>
  );
}
