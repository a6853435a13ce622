/** Validation of plain manifest files (`kubeforge validate`): reading, splitting, parsing and locating. */
export { validateFiles, validateSources, Source, INPUT_RULES, INPUT_ERROR_RULE_IDS } from './validate';
export { collectInputs, InputFile, MANIFEST_EXTENSIONS } from './inputs';
export { splitYamlDocuments, DocChunk } from './split';
export { DocumentLines, parsePointer } from './lines';
