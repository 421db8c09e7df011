/** What a view says where the service removed a prediction's data (`data_removed`: Replicate's, an hour after it ends). */
export const DATA_REMOVED =
  'Removed by the service, which keeps a prediction’s input, output and logs for a limited time.';
