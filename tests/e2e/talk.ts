// The talk as the build compiles it (figures read from disk), for tests that compare the browser with the model.
import { readFileSync } from 'node:fs';
import { compileDeck, deckFrames } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';

export const TALK_FILE = 'slides/collaborations-in-ml.md';
export const talk = compileDeck(readFileSync(TALK_FILE, 'utf8'), { file: TALK_FILE, readAsset: readAssetFromDisk(TALK_FILE) });
export const talkFrames = deckFrames(talk);
