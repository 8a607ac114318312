# The press pages (vi). Ids start with `press-`.
