# The press pages (en). Ids start with `press-`.
