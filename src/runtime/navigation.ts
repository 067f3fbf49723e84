// What a presenter expects from the keyboard and the room: reveal.js already binds PageDown/PageUp
// (a clicker), arrows and space, B and . (blackout), F (fullscreen), Esc/O (overview) and G (jump);
// this module adds what it lacks: no motion for viewers who ask for less.
import type { RevealApi } from 'reveal.js';
import './navigation.css';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Transitions as configured, or none when the viewer prefers reduced motion. */
export function motionConfig(transition: 'slide' | 'fade' | 'none' = 'slide') {
  const reduce = matchMedia(REDUCED_MOTION).matches;
  return { transition: reduce ? 'none' : transition, backgroundTransition: reduce ? 'none' : 'fade' } as const;
}

/** The preference can change while the deck is open (an OS setting); follow it. */
export function followReducedMotion(deck: RevealApi, transition: 'slide' | 'fade' | 'none' = 'slide'): void {
  matchMedia(REDUCED_MOTION).addEventListener('change', () => deck.configure(motionConfig(transition)));
}
