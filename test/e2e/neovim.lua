-- End-to-end run of attls-language-server in Neovim's built-in LSP client (0.7), headless.
-- Driven by neovim.test.ts: ATTLS_SERVER is the server bundle, the policy is ws/policy.ttls.
-- Everything runs inside pcall and ends in qall!/cquit, or nvim would wait forever on an error.
vim.lsp.set_log_level("ERROR")
local root = vim.fn.getcwd()
local out = {}
local function log(s) table.insert(out, s) end

local function request(bufnr, method, params)
  local results, err = vim.lsp.buf_request_sync(bufnr, method, params, 5000)
  assert(results, method .. ' failed: ' .. tostring(err))
  for _, res in pairs(results) do
    assert(not res.err, method .. ' error: ' .. vim.inspect(res.err))
    return res.result
  end
  error('no answer to ' .. method)
end

local function line_of(bufnr, pattern)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local s = l:find(pattern)
    if s then return i - 1, s - 1 end
  end
  error('no line matching ' .. pattern)
end

local function has_diag(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if c == code then return d end
  end
  return nil
end

local function main()
  local client_id = vim.lsp.start_client({ name = 'attls', cmd = { 'node', os.getenv('ATTLS_SERVER'), '--stdio' }, root_dir = root })
  assert(client_id, 'start_client failed')
  vim.cmd('edit ' .. root .. '/ws/policy.ttls')
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local uri = vim.uri_from_bufnr(bufnr)

  -- Diagnostics
  assert(vim.wait(10000, function() return has_diag(bufnr, 'unknown-parameter') ~= nil end, 50), 'no diagnostics within 10s')
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    log(string.format('DIAG %d:%d sev=%d %s', d.lnum, d.col, d.severity, d.message))
  end

  -- Hover on a parameter keyword
  local l, c = line_of(bufnr, 'ClientAuthType')
  local hover = request(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = l, character = c + 2 } })
  log('HOVER ' .. (hover.contents.value or vim.inspect(hover.contents)):gsub('\n', ' '))

  -- Go to definition of a reference
  l, c = line_of(bufnr, 'TTLSEnvironmentActionRef')
  local defs = request(bufnr, 'textDocument/definition', { textDocument = { uri = uri }, position = { line = l, character = c + 26 } })
  local def = defs[1] or defs
  log(string.format('DEFINITION %d:%d', def.range.start.line, def.range.start.character))

  -- Completion of enum values after a keyword
  l, c = line_of(bufnr, 'HandshakeRole')
  local list = request(bufnr, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = l, character = c + 14 } })
  local labels = {}
  for _, item in ipairs(list.items or list) do table.insert(labels, item.label) end
  log('COMPLETION ' .. table.concat(labels, ','))

  -- Quick fix for the misspelt keyword
  local d = has_diag(bufnr, 'unknown-parameter')
  local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
  local actions = request(bufnr, 'textDocument/codeAction', { textDocument = { uri = uri }, range = range, context = { diagnostics = { d.user_data.lsp } } })
  local applied = false
  for _, a in ipairs(actions) do
    if a.title == "Change to 'TTLSEnabled'" then
      vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
      applied = true
    end
  end
  assert(applied, 'no quick fix')
  log('QUICKFIX ' .. vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1])

  -- Rename a group action and its references
  l, c = line_of(bufnr, 'TTLSGroupAction ')
  local edit = request(bufnr, 'textDocument/rename', { textDocument = { uri = uri }, position = { line = l, character = c + 17 }, newName = 'gRenamed' })
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  local count = 0
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find('gRenamed') then count = count + 1 end
  end
  log('RENAME ' .. count)

  -- Format the document
  local edits = request(bufnr, 'textDocument/formatting', { textDocument = { uri = uri }, options = { tabSize = 8, insertSpaces = false } })
  vim.lsp.util.apply_text_edits(edits, bufnr, 'utf-16')
  log('FORMAT ' .. #edits)

  -- The fixed typo disappears from the diagnostics once the server has seen the edits.
  assert(vim.wait(10000, function() return has_diag(bufnr, 'unknown-parameter') == nil end, 50), 'diagnostics not updated after the fix')
  log('AFTER ' .. #vim.diagnostic.get(bufnr))
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do log('TEXT ' .. line) end
  vim.lsp.stop_client(client_id)
end

local ok, e = pcall(main)
if not ok then log('ERROR ' .. tostring(e)) end
vim.fn.writefile(out, root .. '/result.txt')
vim.cmd(ok and 'qall!' or 'cquit 1')
