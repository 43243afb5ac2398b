// Registers alias-hooks.mjs; used as `tsx --import ./core/kata/alias-register.mjs <entry>`.
import { register } from 'node:module';

register('./alias-hooks.mjs', import.meta.url);
