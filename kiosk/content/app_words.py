"""The kiosk's own words (buttons, hints) in the languages it ships with.

A clinic may rewrite any of them under `ui_text:`; a language not here falls back to English.
"""

from __future__ import annotations

APP_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "touch_to_begin": "Touch to begin",
        "privacy": "Anonymous. Nothing you tap here is stored.",
        "back": "Back",
        "home": "Home",
        "next": "Next",
        "start_check": "Start the self-check",
        "see_result": "See my result",
        "finish": "Finish",
        "step": "Step {n} of {total}",
        "question": "Question {n} of {total}",
        "result": "Your result",
        "disclaimer": "This is education, not a diagnosis. Your doctor knows your case best.",
        "more_below": "More below",
        "choose_one": "Choose one answer.",
        "choose_all": "Choose all that fit, then tap Next.",
        "choose_regions": "Tap every place that hurts, then tap Next.",
        "choose_scale": "Tap a number, then tap Next.",
        "seen_from_behind": "Body seen from behind",
        "tap_nerve": "Tap a number to read about that part.",
        "sources": "Sources",
        "reviewed": "Reviewed {date}",
        "therapists_title": "Therapists who may suit you",
        "offers": "Offers {modalities}",
        "scan_to_book": "Scan to book",
        "still_there": "Still there?",
        "idle_message": (
            "For your privacy, this screen will start again in {seconds} seconds"
            " and your answers will be wiped."
        ),
        "still_here": "I'm still here",
        "paused_title": "Back in a moment",
        "paused_message": "This screen is taking a short break. Please ask at the front desk.",
        "yes": "Yes",
        "no": "No",
        "language": "Language",
        "choose_language": "Choose your language",
        "text_size": "Text size",
        "text_size_n": "Text size {n} of 3",
        "high_contrast": "High contrast",
        "reduce_motion": "Reduce motion",
        "read_aloud": "Read aloud",
        "stop_reading": "Stop reading",
        "accessibility": "Easier to see and use",
        "on": "On",
        "off": "Off",
        "close": "Close",
        "normal": "Normal",
        "larger": "Larger",
        "largest": "Largest",
    },
    "es": {
        "touch_to_begin": "Toque para empezar",
        "privacy": "Es anónimo. Nada de lo que toque aquí se guarda.",
        "back": "Atrás",
        "home": "Inicio",
        "next": "Siguiente",
        "start_check": "Empezar la autoevaluación",
        "see_result": "Ver mi resultado",
        "finish": "Terminar",
        "step": "Paso {n} de {total}",
        "question": "Pregunta {n} de {total}",
        "result": "Su resultado",
        "disclaimer": (
            "Es información educativa, no un diagnóstico. Su médico conoce mejor su caso."
        ),
        "more_below": "Hay más abajo",
        "choose_one": "Elija una respuesta.",
        "choose_all": "Elija todas las que correspondan y toque Siguiente.",
        "choose_regions": "Toque cada lugar que le duele y toque Siguiente.",
        "choose_scale": "Toque un número y toque Siguiente.",
        "seen_from_behind": "Cuerpo visto de espaldas",
        "tap_nerve": "Toque un número para leer sobre esa parte.",
        "sources": "Fuentes",
        "reviewed": "Revisado: {date}",
        "therapists_title": "Terapeutas que podrían convenirle",
        "offers": "Ofrece {modalities}",
        "scan_to_book": "Escanee y reserve",
        "still_there": "¿Sigue ahí?",
        "idle_message": (
            "Por su privacidad, esta pantalla volverá a empezar en {seconds} segundos"
            " y sus respuestas se borrarán."
        ),
        "still_here": "Sigo aquí",
        "paused_title": "Volvemos enseguida",
        "paused_message": (
            "Esta pantalla está en una breve pausa. Por favor, pregunte en recepción."
        ),
        "yes": "Sí",
        "no": "No",
        "language": "Idioma",
        "choose_language": "Elija su idioma",
        "text_size": "Tamaño de letra",
        "text_size_n": "Tamaño de letra {n} de 3",
        "high_contrast": "Alto contraste",
        "reduce_motion": "Menos movimiento",
        "read_aloud": "Escuchar",
        "stop_reading": "Dejar de leer",
        "accessibility": "Más fácil de ver y usar",
        "on": "Activado",
        "off": "Desactivado",
        "close": "Cerrar",
        "normal": "Normal",
        "larger": "Grande",
        "largest": "Muy grande",
    },
}

REGION_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "lower_back": "Lower back",
        "buttock_left": "Left buttock",
        "buttock_right": "Right buttock",
        "thigh_left": "Left thigh",
        "thigh_right": "Right thigh",
        "calf_left": "Left calf",
        "calf_right": "Right calf",
        "foot_left": "Left foot",
        "foot_right": "Right foot",
    },
    "es": {
        "lower_back": "Zona lumbar",
        "buttock_left": "Nalga izquierda",
        "buttock_right": "Nalga derecha",
        "thigh_left": "Muslo izquierdo",
        "thigh_right": "Muslo derecho",
        "calf_left": "Pantorrilla izquierda",
        "calf_right": "Pantorrilla derecha",
        "foot_left": "Pie izquierdo",
        "foot_right": "Pie derecho",
    },
}

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        *("January", "February", "March", "April", "May", "June"),
        *("July", "August", "September", "October", "November", "December"),
    ),
    "es": (
        *("enero", "febrero", "marzo", "abril", "mayo", "junio"),
        *("julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
    ),
}
"""Month names for dates such as "Reviewed 1 November 2026" (English where a language has
none)."""
DATE_FORMAT: dict[str, str] = {"en": "{day} {month} {year}", "es": "{day} de {month} de {year}"}
