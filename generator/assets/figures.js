// Drill figures: a tap or click (or Enter/Space) on the animated figure pauses or resumes it.
document.querySelectorAll(".db-figure-anim").forEach(function (box) {
  var svg = box.querySelector("svg.dbf-anim");
  if (!svg) return;
  box.setAttribute("tabindex", "0");
  box.setAttribute("role", "button");
  box.setAttribute("aria-pressed", "false");
  box.setAttribute("aria-label", "Pause or play the animation");
  function toggle() {
    var paused = svg.classList.toggle("is-paused");
    if (paused) { svg.pauseAnimations(); } else { svg.unpauseAnimations(); }
    box.setAttribute("aria-pressed", paused ? "true" : "false");
  }
  box.addEventListener("click", toggle);
  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
  });
});
