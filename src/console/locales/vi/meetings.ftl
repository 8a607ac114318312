# The interview, press conference and public press pages (vi). Ids start with `meetings-` or `public-press-`.
