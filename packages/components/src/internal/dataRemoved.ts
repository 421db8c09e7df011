/** What a view says where the service removed a prediction's data (Replicate's `data_removed`). */
export const DATA_REMOVED =
  'Removed by the service: Replicate keeps an API prediction’s input, output and logs for an hour.';
