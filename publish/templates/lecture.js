// The chapter list beside the video: a click seeks there and plays; the chapter being played
// is marked "current" as the video runs (browsers show no menu for chapters of their own).
// A time in the transcript seeks the same way (its link scrolls back up to the video).
const video = document.getElementById("lecture");
const items = Array.from(document.querySelectorAll("#chapters li"));

function markCurrent() {
  const t = video.currentTime;
  for (const [i, item] of items.entries()) {
    const next = items[i + 1];
    const current = t >= +item.dataset.start && (!next || t < +next.dataset.start);
    item.classList.toggle("current", current);
    item.setAttribute("aria-current", current ? "true" : "false");
  }
}

for (const item of items) {
  const seek = () => {
    video.currentTime = +item.dataset.start;
    markCurrent();
    video.play().catch(() => {});  // a browser may refuse to autoplay: the seek still holds
  };
  item.addEventListener("click", seek);
  item.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); seek(); } });
}
for (const link of document.querySelectorAll(".transcript a[data-start]")) {
  link.addEventListener("click", () => {
    video.currentTime = +link.dataset.start;
    video.play().catch(() => {});
  });
}
video.addEventListener("timeupdate", markCurrent);
video.addEventListener("seeked", markCurrent);
markCurrent();
