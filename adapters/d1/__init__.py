"""Reading a Cloudflare D1 export (`wrangler d1 export`, a SQLite SQL dump)."""
