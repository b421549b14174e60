import { Text, View } from '@tarojs/components';

/**
 * A field's message, announced as it appears (role="alert"); renders nothing without one.
 * `data-testid="error-<name>"`.
 */
export function FieldError({ name, id, message }: { name: string; id?: string; message?: string | null }) {
  if (!message) return null;
  return (
    <View className='form-error' id={id} role='alert' data-testid={`error-${name}`}>
      <Text>{message}</Text>
    </View>
  );
}
