import { Image, Text, View } from '@tarojs/components';
import { HOTLINE_MAX_PHOTOS } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, TextArea, TextInput, Toggle, useRevealFirstError } from '@/components/Form';
import { mediaUrl } from '@/services';
import type { UseTicketForm } from '../hooks/useTicketForm';
import { typeOptions } from '../lib/labels';

const typeHint = (value: string | null) => typeOptions.find((o) => o.value === value)?.hint;

/** The 诉求 form: every field with its Chinese message, the draft notice and the submit button. */
export function TicketForm({ form }: { form: UseTicketForm }) {
  const { draft, errors, update } = form;
  const submitting = form.phase === 'submitting';
  const formId = useRevealFirstError(form.refusals);
  return (
    <View className='hl-card hl-form' id={formId} data-testid='ticket-form'>
      {form.restored ? (
        <View className='hl-notice' data-testid='draft-restored'>
          <Text className='hl-notice__text'>已为您恢复上次未提交的内容</Text>
          <View className='hl-notice__actions'>
            <Text className='hl-link' data-testid='draft-clear' onClick={form.clearDraft}>
              清空草稿
            </Text>
            <Text className='hl-link hl-link--muted' onClick={form.dismissRestored}>
              知道了
            </Text>
          </View>
        </View>
      ) : null}

      <Field name='type' label='诉求类型' required error={errors.type} hint={typeHint(draft.type)}>
        <Chips testId='type' options={typeOptions} value={draft.type} onChange={(type) => update({ type })} />
      </Field>

      <Field name='title' label='标题' required error={errors.title}>
        <TextInput
          value={draft.title}
          maxlength={100}
          placeholder='一句话概括，如：小区夜间施工噪音扰民'
          onInput={(e) => update({ title: e.detail.value })}
          testId='input-title'
        />
      </Field>

      <Field name='description' label='详细描述' required error={errors.description} hint={`${draft.description.trim().length}/5000 字，请写明时间、经过和您的诉求`}>
        <TextArea
          value={draft.description}
          maxlength={5000}
          placeholder='请描述事情经过、发生时间和您希望如何处理（至少 10 个字）'
          onInput={(e) => update({ description: e.detail.value })}
          testId='input-description'
        />
      </Field>

      <Field name='address' label='事发地点' error={errors.address} hint={form.canPickPoint ? '可在地图上选点，或直接填写地址' : '请填写详细地址（选填）'}>
        <TextInput
          value={draft.address}
          maxlength={200}
          placeholder='如：某某区某某路 88 号小区东门'
          onInput={(e) => update({ address: e.detail.value })}
          testId='input-address'
        />
        {form.canPickPoint ? (
          <View className='hl-point'>
            {draft.point ? (
              <>
                <Text className='hl-point__text' data-testid='map-point'>
                  已选位置：{draft.point.name || `${draft.point.latitude.toFixed(5)}, ${draft.point.longitude.toFixed(5)}`}
                </Text>
                <Text className='hl-link hl-link--muted' onClick={form.clearPoint}>
                  移除
                </Text>
              </>
            ) : (
              <Text className='hl-link' data-testid='pick-point' onClick={() => void form.pickPoint()}>
                在地图上选点
              </Text>
            )}
          </View>
        ) : null}
      </Field>

      <Field name='photos' label={`现场图片（最多 ${HOTLINE_MAX_PHOTOS} 张）`} error={errors.photos} hint='支持 JPG、PNG、WebP，单张不超过 5 MB' group>
        <View className='hl-photos' data-testid='photos'>
          {draft.photos.map((photo, i) => (
            <View key={photo.id} className='hl-photo' data-testid='photo'>
              {photo.previewUrl ? (
                <Image className='hl-photo__img' src={mediaUrl(photo.previewUrl)} mode='aspectFill' />
              ) : (
                <Text className='hl-photo__img hl-photo__img--pending' data-testid='photo-pending'>
                  图片
                </Text>
              )}
              <Text className='hl-photo__remove' onClick={() => form.removePhoto(photo.id)} aria-label={`删除第${i + 1}张图片`}>
                ×
              </Text>
            </View>
          ))}
          {Array.from({ length: form.uploading }, (_, i) => (
            <View key={`up-${i}`} className='hl-photo hl-photo--uploading' data-testid='photo-uploading'>
              <Text>上传中…</Text>
            </View>
          ))}
          {draft.photos.length + form.uploading < HOTLINE_MAX_PHOTOS ? (
            <View className='hl-photo hl-photo--add' data-testid='add-photo' onClick={() => void form.addPhotos()}>
              <Text className='hl-photo__plus'>＋</Text>
              <Text>添加图片</Text>
            </View>
          ) : null}
        </View>
      </Field>

      <Field name='phone' label='联系电话' error={errors.phone}>
        {form.boundPhone && !draft.useOtherPhone ? (
          <View className='hl-phone'>
            <Text className='hl-phone__number' data-testid='bound-phone'>
              {form.boundPhone}
            </Text>
            <Text className='hl-link' data-testid='use-other-phone' onClick={() => update({ useOtherPhone: true })}>
              使用其他号码
            </Text>
          </View>
        ) : (
          <View className='hl-phone'>
            <TextInput
              className='hl-phone__input'
              type='number'
              value={draft.phone}
              maxlength={11}
              placeholder={form.boundPhone ? '请输入 11 位手机号' : '未绑定手机号，请输入联系电话'}
              onInput={(e) => update({ phone: e.detail.value })}
              testId='input-phone'
            />
            {form.boundPhone ? (
              <Text className='hl-link' onClick={() => update({ useOtherPhone: false, phone: '' })}>
                用绑定号码
              </Text>
            ) : null}
          </View>
        )}
      </Field>

      <Toggle
        name='contact'
        label='同意工作人员电话联系我'
        description='办理过程中可能需要向您核实情况'
        checked={draft.contactAllowed}
        onChange={(contactAllowed) => update({ contactAllowed })}
        error={errors.contactAllowed}
      />
      <Toggle
        name='anonymous'
        label='不公开个人信息'
        description={
          draft.hideIdentity
            ? '承办部门看不到您的姓名和电话，由热线工作人员转达。事发地点、诉求内容和图片仍会转交承办部门，请不要在其中写姓名、电话等个人信息。'
            : '承办部门看不到您的姓名和电话，由热线工作人员转达'
        }
        checked={draft.hideIdentity}
        onChange={(hideIdentity) => update({ hideIdentity })}
        error={errors.anonymous}
      />

      {form.submitError ? (
        <View className='hl-error' data-testid='submit-error'>
          <Text>{form.submitError}</Text>
        </View>
      ) : null}
      <AppButton className='hl-form__submit' loading={submitting} onClick={() => void form.submit()} testId='submit-ticket'>
        {submitting ? '正在提交…' : '提交诉求'}
      </AppButton>
      <Text className='hl-form__note'>内容已自动保存在本机，网络中断也不会丢失。紧急情况请直接拨打 12345 或 110。</Text>
    </View>
  );
}
