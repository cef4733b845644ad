"""Model: the typed, frozen knowledge base, with no I/O.

`drill` holds the pydantic models of a drill file (the single source of the JSON Schema) and
a principle's front matter; `text` says which Markdown each text field may use; `pose` and
`kinematics` the figure data and the forward kinematics that place it; `knowledge` the
validated whole with relations derived both ways; `routine`, `program` and `sessions` the timed
weekly plans and multi-week programs every output renders; `routine_rules` (data) and
`routine_builder` the scheduling rules behind `drillbook routine`; `tracking` the step length
and cadence formulas; `site` where the site is published.
"""
