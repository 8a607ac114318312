# The interview, press conference and public press pages (en). Ids start with `meetings-` or `public-press-`.
