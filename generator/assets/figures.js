// Drill figures: a button under the animated figure (and a tap on the figure) pauses or plays it.
document.querySelectorAll(".db-figure-anim").forEach(function (box) {
  var svg = box.querySelector("svg.dbf-anim");
  var caption = box.querySelector("figcaption");
  if (!svg || !caption || !svg.pauseAnimations) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "db-figure-toggle md-button";
  button.setAttribute("aria-pressed", "false");
  button.textContent = "Pause";
  caption.textContent = "The movement. ";
  caption.appendChild(button);
  function toggle() {
    var paused = svg.classList.toggle("is-paused");
    if (paused) { svg.pauseAnimations(); } else { svg.unpauseAnimations(); }
    button.setAttribute("aria-pressed", paused ? "true" : "false");
    button.textContent = paused ? "Play" : "Pause";
  }
  button.addEventListener("click", toggle);
  svg.addEventListener("click", toggle);
});
