import type { Client, Prediction, PredictionListItem, PredictionStatus } from '@predictkit/core';
import { defineModel } from '@predictkit/core/zod';
import { QueryClient } from '@tanstack/react-query';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import {
  type CreateStatus,
  predictionQueryOptions,
  useCancelPrediction,
  useCreatePrediction,
  usePrediction,
  usePredictionList,
} from '../index';

const echo = defineModel('predictkit/echo', {
  input: z.object({ text: z.string(), delay_ms: z.number().default(0) }),
  output: z.string(),
});

type PromptInput = { prompt: string; max_tokens?: number };

/** Never called: these lines are checked by `tsc -b`, and fail it when a type is wrong. */
export function useTypeChecks(client: Client) {
  const typed = useCreatePrediction(echo);
  // A defineModel model: create takes the schema's input (defaults optional), output is the schema's.
  expectTypeOf(typed.create).parameter(0).toEqualTypeOf<{ text: string; delay_ms?: number | undefined }>();
  expectTypeOf(typed.output).toEqualTypeOf<string | null | undefined>();
  expectTypeOf(typed.status).toEqualTypeOf<CreateStatus>();
  // @ts-expect-error text must be a string
  typed.create({ text: 1 });

  const generic = useCreatePrediction<PromptInput, string[]>('predictkit/text-generator', {
    onUpdate: (prediction) => expectTypeOf(prediction.output).toEqualTypeOf<string[] | null | undefined>(),
  });
  expectTypeOf(generic.create).parameter(0).toEqualTypeOf<PromptInput>();
  expectTypeOf(generic.create).returns.resolves.toEqualTypeOf<
    Prediction<PromptInput, string[]> | undefined
  >();
  expectTypeOf(generic.prediction).toEqualTypeOf<Prediction<PromptInput, string[]> | undefined>();
  expectTypeOf(generic.prediction?.input).toEqualTypeOf<PromptInput | undefined>();
  expectTypeOf(generic.cancel).returns.resolves.toEqualTypeOf<
    Prediction<PromptInput, string[]> | undefined
  >();
  // @ts-expect-error prompt is required
  generic.create({ max_tokens: 3 });

  // Replicate's create options, on the hook and per call; a webhook's events are Replicate's names.
  const deployed = useCreatePrediction(undefined, {
    deployment: 'predictkit/echo',
    cancelAfter: '1h30m',
    webhook: { url: 'https://hooks.example.com', events: ['start', 'completed'] },
  });
  deployed.create({ text: 'x' }, { deployment: { owner: 'predictkit', name: 'echo' }, cancelAfter: 90 });
  // @ts-expect-error Cancel-After is seconds or a duration text
  deployed.create({ text: 'x' }, { cancelAfter: true });
  // @ts-expect-error not an event Replicate sends
  deployed.create({ text: 'x' }, { webhook: { url: 'https://hooks.example.com', events: ['done'] } });

  const loose = useCreatePrediction('predictkit/echo');
  expectTypeOf(loose.create).parameter(0).toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf(loose.output).toEqualTypeOf<unknown>();

  const watched = usePrediction<{ text: string }, string>('id', {
    onSettled: (prediction, error) => {
      expectTypeOf(prediction).toEqualTypeOf<Prediction<{ text: string }, string> | undefined>();
      expectTypeOf(error).toEqualTypeOf<Error | null>();
    },
  });
  expectTypeOf(watched.output).toEqualTypeOf<string | null | undefined>();
  expectTypeOf(watched.status).toEqualTypeOf<PredictionStatus | 'canceling' | undefined>();
  expectTypeOf(watched.refetch).returns.resolves.toEqualTypeOf<
    Prediction<{ text: string }, string> | undefined
  >();
  expectTypeOf(usePrediction(undefined).output).toEqualTypeOf<unknown>();

  expectTypeOf(usePredictionList({ pageSize: 10, live: true }).predictions).toEqualTypeOf<
    PredictionListItem[]
  >();
  expectTypeOf(useCancelPrediction().mutateAsync).parameter(0).toEqualTypeOf<string>();

  // The options factories tag their keys, so the cache reads back typed.
  const cached = new QueryClient().getQueryData(
    predictionQueryOptions<{ text: string }, string>(client, 'id').queryKey,
  );
  expectTypeOf(cached).toEqualTypeOf<Prediction<{ text: string }, string> | undefined>();
}
