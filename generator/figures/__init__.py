"""Drill figures: pose data, forward kinematics, checks and SVG rendering.

Self-contained: imports only the standard library, pydantic, jinja2, markupsafe and yaml.

Public API::

    from generator.figures import load_poses, check_poses, render_frames, render_animated
    poses = load_poses(mapping)                      # dict (the drill's ``poses:`` value) -> Poses
    problems = check_poses(poses, steps=[...], equipment=[...])   # list[Problem]
    svg = render_frames(poses, steps=[...], title="Glute bridge")  # Markup
"""

from __future__ import annotations

from generator.model.kinematics import SEGMENT_LENGTHS, Figure, pose_figure, resolve_frames
from generator.model.pose import JOINT_RANGES, PROPS, Poses, load_poses
from generator.render.figures import render_animated, render_frames, render_thumbnail
from generator.validate.poses import Problem, check_poses

__all__ = [
    "JOINT_RANGES",
    "PROPS",
    "SEGMENT_LENGTHS",
    "Figure",
    "Poses",
    "Problem",
    "check_poses",
    "load_poses",
    "pose_figure",
    "render_animated",
    "render_frames",
    "render_thumbnail",
    "resolve_frames",
]
