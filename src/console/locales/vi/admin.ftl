# The admin pages (vi). Ids start with `admin-`.
