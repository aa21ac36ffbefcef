"""Print the SDL: `python -m schema > schema.graphql` refreshes the committed contract."""

from schema import sdl

print(sdl(), end="")
