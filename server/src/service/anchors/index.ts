/** Annotations follow their article: sentence maps between two versions of an article, and the edits they imply. */
export {
  buildSentenceMap,
  mapSentence,
  SentenceMap,
  DEFAULT_LIMITS,
  EDIT_SIMILARITY,
  UNAMBIGUOUS_SIMILARITY,
  RIVAL_MARGIN,
  type Ambiguity,
  type ArticleVersion,
  type MapLimits,
  type SentenceFate,
  type SentenceMapOptions,
  type SentenceMapping,
} from './sentenceMap';
export { applyContentChanges, changedRegion, sentenceNumbersChanged, type ChangedRegion, type ContentChange } from './articleEdit';
export {
  applySentenceNumberEdits,
  sentenceNumberTextEdits,
  sentenceNumberUpdates,
  type NotUpdated,
  type NotUpdatedReason,
  type SentenceNumberEdit,
  type SentenceNumberUpdate,
  type SentenceUpdateOptions,
} from './sentenceEdits';
