// Public surface of @attls/service: the workspace (documents and cached analysis) and one pure
// function per editor feature, named after the LSP request it answers.
export * from './workspace.js';
export * from './evaluation.js';
export * from './policy-sets.js';
export * from './lsp.js';
export { locate, itemPath, symbolAt, type Located } from './locate.js';
export { certaintyText, defaultText, describeEnumValue, describeParameter, describeStatement } from './describe.js';
export { formatText, formatIntact, detectEol, canonicalKeyword, type FormatOptions, type FormatResult } from './format/format.js';
export { diffLines, splitLinesKeepEnds, unifiedDiff, type Hunk } from './format/diff.js';
export { getHover, ruleOrderText } from './features/hover.js';
export { getCompletions, cursorContext, enclosingStatement, plainSnippet, type CompletionOptions } from './features/completion.js';
export { getDefinition, findReferences, getDocumentHighlights, prepareRename, rename, checkNewName, type RenameResult } from './features/navigation.js';
export { getDocumentSymbols, getWorkspaceSymbols, fuzzyMatch } from './features/symbols.js';
export { getFoldingRanges, getSelectionRanges } from './features/structure.js';
export { getSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './features/semantic-tokens.js';
export { getCodeActions, fixAll, DISABLE_NEXT_LINE, WEAK_PROTOCOLS, type CodeActionContext } from './features/code-actions.js';
export { getCodeLenses, getInlayHints, SHOW_RULE_COMMAND } from './features/lenses.js';
export { format, formatRange } from './features/formatting.js';
// Property lenses (./property-lenses) read YAML: a subpath of their own, so that the CLI's bundle,
// which takes this index, does not carry the YAML reader.
export { documentLinks, namedFiles, type FileNameOptions, type NamedFile } from './features/links.js';
