"""Validate: turn loaded documents into model objects, or into every problem they have.

Each problem names file, line and column and says how to fix it. `drills` checks drill and
principle files (model errors mapped back to YAML positions, unsafe text, ids, cross-file
links, progression chains), with `poses` for the figures and `vocabulary` for the terms file;
`routines`, `programs`, `synonyms` and `images` check their own files; `project.load_project`
runs them all over a checkout and never raises for a user mistake.
"""
