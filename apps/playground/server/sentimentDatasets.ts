/** A row of a labelled sentiment dataset: the text and the label a person gave it. */
export type SentimentRow = {
  text: string;
  label: 'positive' | 'neutral' | 'negative';
};

/**
 * The datasets the Evaluations page runs `predictkit/sentiment` over: everyday reviews, which a
 * lexicon model reads well, and hard cases (irony, faint praise, mixed feelings), which it does
 * not; so that runs differ, and their comparison says something.
 */
export const SENTIMENT_DATASETS: Record<string, { title: string; rows: SentimentRow[] }> = {
  reviews: {
    title: 'Everyday reviews',
    rows: [
      { text: 'Absolutely loved it, the best purchase I made this year!', label: 'positive' },
      { text: 'Great battery life and a wonderful screen.', label: 'positive' },
      { text: 'The staff were friendly and helpful.', label: 'positive' },
      { text: 'Terrible quality, it broke after two days.', label: 'negative' },
      { text: 'Awful customer service, I will never order again.', label: 'negative' },
      { text: 'The food was cold and the waiter was rude.', label: 'negative' },
      { text: 'The package arrived on Tuesday.', label: 'neutral' },
      { text: 'It comes in three colours and two sizes.', label: 'neutral' },
      { text: 'Not bad at all, I would happily buy it again.', label: 'positive' },
      { text: 'I am not happy with this at all.', label: 'negative' },
    ],
  },
  hard: {
    title: 'Hard cases',
    rows: [
      { text: 'Oh great, another update that deletes my settings.', label: 'negative' },
      { text: 'It works, I guess.', label: 'neutral' },
      { text: 'The hotel was lovely but the flight there was a nightmare.', label: 'negative' },
      { text: 'Could have been worse.', label: 'neutral' },
      { text: 'I expected to hate it, and yet here we are, ordering a second one.', label: 'positive' },
      { text: 'Five stars for the packaging, zero for what was inside.', label: 'negative' },
      { text: 'Not the worst film I have seen this week.', label: 'neutral' },
      { text: 'Wow. Just wow. Never again.', label: 'negative' },
    ],
  },
};
