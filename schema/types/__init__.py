"""GraphQL object types, one module per aggregate."""
