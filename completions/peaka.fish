complete --keep-order --exclusive --command peaka --arguments "(COMPLETE=fish peaka -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
