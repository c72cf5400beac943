/** The trigger suite in local-module mode (--lambda-modules; see test/helpers/lambda-trigger-suite.ts). */
import { triggerSuite } from '../helpers/lambda-trigger-suite.ts';

triggerSuite('local');
