/** The trigger suite in local-module mode (--lambda-modules; see test/helpers/lambda-trigger-suite.ts). */
import { triggerSuite } from '../helpers/lambda-trigger-suite.ts';
import { triggerSuitePart2 } from '../helpers/lambda-trigger-suite-2.ts';
import { triggerSuiteSources } from '../helpers/lambda-trigger-suite-sources.ts';
import { triggerSuiteTokens } from '../helpers/lambda-trigger-suite-tokens.ts';

triggerSuite('local');
triggerSuiteTokens('local');
triggerSuitePart2('local');
triggerSuiteSources('local');
