export {
  EvaluationSummary,
  type EvaluationSummaryProps,
  type EvaluationSummaryRun,
} from './EvaluationSummary/EvaluationSummary';
export { readEvaluationSummary, type SummaryMetric } from './EvaluationSummary/readEvaluationSummary';
export { PredictionDetails, type PredictionDetailsProps } from './PredictionDetails/PredictionDetails';
export { seedFromLogs } from './PredictionDetails/seedFromLogs';
export { type DescribedError, describeError } from './PredictionError/describeError';
export { PredictionError, type PredictionErrorProps } from './PredictionError/PredictionError';
export {
  type FeedbackScore,
  type FeedbackStatus,
  type FeedbackValue,
  PredictionFeedback,
  type PredictionFeedbackProps,
} from './PredictionFeedback/PredictionFeedback';
export {
  PredictionInputForm,
  type PredictionInputFormProps,
} from './PredictionInputForm/PredictionInputForm';
export { PredictionList, type PredictionListProps } from './PredictionList/PredictionList';
export { PredictionLogs, type PredictionLogsProps } from './PredictionLogs/PredictionLogs';
export { type LogProgress, parseLogProgress } from './PredictionLogs/parseLogProgress';
export {
  type ChooseOutputViewOptions,
  chooseOutputView,
  type MediaView,
  type OutputField,
  type OutputView,
  type OutputViewName,
} from './PredictionOutput/chooseOutputView';
export { isSafeUrl } from './PredictionOutput/isSafeUrl';
export { Markdown } from './PredictionOutput/Markdown';
export { PredictionOutput, type PredictionOutputProps } from './PredictionOutput/PredictionOutput';
export { type ClassScore, readClassification } from './PredictionOutput/readClassification';
export {
  PredictionPlayground,
  type PredictionPlaygroundProps,
} from './PredictionPlayground/PredictionPlayground';
export {
  PredictionStatusBadge,
  type PredictionStatusBadgeProps,
} from './PredictionStatusBadge/PredictionStatusBadge';
export { PredictionTimings, type PredictionTimingsProps } from './PredictionTimings/PredictionTimings';
export { type PredictionTimingsData, predictionTimings } from './PredictionTimings/predictionTimingsData';
export { ArrayWidget } from './SchemaForm/ArrayWidget';
export { defaultWidgets } from './SchemaForm/defaultWidgets';
export { FileWidget } from './SchemaForm/FileWidget';
export type { Widget, WidgetMap, WidgetProps } from './SchemaForm/FormContext';
export type { FormValue } from './SchemaForm/formValue';
export { issuesFromErrorBody } from './SchemaForm/issuesFromErrorBody';
export { issuesFromValidationDetail } from './SchemaForm/issuesFromValidationDetail';
export {
  type FieldKind,
  type FieldOption,
  type FieldPath,
  humanize,
  type ParsedField,
  parseSchema,
} from './SchemaForm/parseSchema';
export { SchemaError } from './SchemaForm/SchemaError';
export { SchemaForm, type SchemaFormProps } from './SchemaForm/SchemaForm';
export { type FieldIssue, validateInput } from './SchemaForm/validateInput';
export {
  EnumWidget,
  JsonWidget,
  NumberWidget,
  ObjectWidget,
  SwitchWidget,
  TextWidget,
} from './SchemaForm/widgets';
export { type SchemaValidator, zodValidator } from './SchemaForm/zodValidator';
