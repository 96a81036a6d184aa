/** Description of the control API function, by which `sirocco --aws` finds it in an account. */
export const CONTROL_FUNCTION_DESCRIPTION = 'Sirocco control API';
