# The admin pages (en). Ids start with `admin-`.
