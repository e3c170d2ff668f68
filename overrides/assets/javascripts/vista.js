/* The participant view: one switch hides what is for the facilitator only (.hb-facilitador),
   so the same site can be projected in the room. The choice is kept across pages. Without
   JavaScript the button stays hidden and every note shows. */
(function () {
  var raiz = document.documentElement;
  var CLASE = "hb-vista-participantes";
  function guardar(valor) {
    try { localStorage.setItem("hb-vista", valor); } catch (e) { /* private mode: this page only */ }
  }
  // The table of contents follows the page: an entry whose heading is for facilitation only
  // is marked so too, and hides with it.
  document.querySelectorAll(".hb-facilitador h2[id], .hb-facilitador h3[id]").forEach(function (titulo) {
    document.querySelectorAll('.md-nav__link[href="#' + CSS.escape(titulo.id) + '"]').forEach(function (enlace) {
      enlace.parentElement.classList.add("hb-facilitador");
    });
  });
  document.querySelectorAll(".hb-vista").forEach(function (boton) {
    function pintar() {
      var participantes = raiz.classList.contains(CLASE);
      boton.textContent = participantes ? boton.dataset.facilitacion : boton.dataset.participantes;
      boton.setAttribute("aria-pressed", participantes ? "true" : "false");
    }
    boton.hidden = false;
    pintar();
    boton.addEventListener("click", function () {
      raiz.classList.toggle(CLASE);
      guardar(raiz.classList.contains(CLASE) ? "participantes" : "facilitacion");
      pintar();
    });
  });
})();

/* Wide tables scroll inside a wrapper Material adds once the page has loaded; a keyboard user
   must be able to reach it to scroll, so it joins the tab order. */
window.addEventListener("load", function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (envoltura) {
    if (envoltura.scrollWidth > envoltura.clientWidth && !envoltura.hasAttribute("tabindex")) {
      envoltura.setAttribute("tabindex", "0");
    }
  });
});
